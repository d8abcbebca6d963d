"""PySide6 windows, dialogs and item models. The only layer that imports Qt."""
