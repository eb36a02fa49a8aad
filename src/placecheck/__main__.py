from placecheck.cli import script

script()
