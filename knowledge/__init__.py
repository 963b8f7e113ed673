"""Everything about the reports: reading, extracting, storing, searching, answering.

This package never imports ``telegram``: the bot and the command line render what it returns.
"""
