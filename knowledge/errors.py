"""The small exception family of the knowledge package."""


class KnowledgeError(Exception):
    """Base class: anything the knowledge package reports on purpose."""


class CatalogError(KnowledgeError):
    """The report catalog is malformed; the build stops and the old store stays."""


class ReportReadError(KnowledgeError):
    """One report file cannot be read (binary, empty, undecodable); it is skipped."""


class StoreError(KnowledgeError):
    """The knowledge store is missing, from another schema version, or unreadable."""
