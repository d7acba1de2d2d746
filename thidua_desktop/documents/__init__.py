"""Excel and PDF in and out. openpyxl and reportlab are imported inside the functions that use
them, so nothing on the start-up path pays for them."""
