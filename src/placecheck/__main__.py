from placecheck.cli import main

main()
