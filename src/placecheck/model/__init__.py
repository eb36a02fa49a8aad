"""The proposal format: vocabularies, pydantic models, validation."""

import os

# pydantic scans every installed package's entry points for plugins when it is
# first imported; placecheck uses none, and the scan costs more than a lint.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
