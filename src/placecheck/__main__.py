from placecheck.entry import main

main()
