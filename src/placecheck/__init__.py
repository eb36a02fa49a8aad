"""placecheck: check a place-based partnership's governance proposal against the guidance."""

__version__ = "0.2.0"
# Where placecheck's source and releases live (SARIF's tool.driver.informationUri, and the
# install lines in the docs). OWNER is a placeholder until the repository is published.
PROJECT_URL = "https://github.com/OWNER/placecheck"
