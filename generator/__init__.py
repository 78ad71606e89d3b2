"""Rights Atlas: a knowledge base on copyright and AI training, the site built from it, and letters."""

__version__ = "0.1.0"
