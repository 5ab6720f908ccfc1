"""workbench: a claim-tracking and fact-check workbench for news articles."""

__version__ = "0.1.0"
