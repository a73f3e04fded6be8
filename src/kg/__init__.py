"""Knowledge graph of Norway's public-sector innovation system (Difi-rapport 2017:01)."""

__version__ = "0.1.0"
