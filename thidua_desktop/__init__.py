"""ThiDua Desktop: the secretariat's tool for a provincial emulation bloc (khối/cụm thi đua)."""

__version__ = "0.1.0"
APP_NAME = "ThiDua Desktop"
APP_ID = "thidua-desktop"
