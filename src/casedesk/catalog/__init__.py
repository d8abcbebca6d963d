"""The instrument and partner catalog: file format, validation, import/export, defaults.

- ``fileformat``: ``load_catalog``, ``parse_catalog``, ``dump_catalog`` (format version 1);
- ``schema`` and ``checks``: what a valid file is, with Dutch findings;
- ``regions``: the CBS table of municipalities and regions, the guide's region names;
- ``defaults``: ``load_default_catalog`` (the guide's library, shipped in resources);
- ``transfer``: ``validate_catalog_file``, ``export_catalog``, ``compare_catalogs``.

No Qt, no SQL: the store keeps the catalog in use; this package only reads and writes files.
The format is described for coordinators in ``docs/catalog-format.md``.
"""
