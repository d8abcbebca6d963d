"""The instrument and partner catalog: file format, validation, import/export, defaults."""
