"""annotator: review news articles in the terminal, tag claims and source bias."""

__version__ = "0.1.0"
