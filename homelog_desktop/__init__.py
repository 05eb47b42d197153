"""HomeLog Desktop: a desktop account manager for home-log's users and passwords."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("homelog-desktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
