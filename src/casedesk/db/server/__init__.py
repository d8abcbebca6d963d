"""The regional store on a shared PostgreSQL server.

Connecting (``choice``, ``connection``, ``client_certificate``, ``store``), setting it up
for the region (``admin``: schema, roles, logins and rights), moving a laptop's dossiers in
(``upload``), the log's chain as the server seals it (``audit_chain``), and what the server
does in SQL of its own: search, the coordinator's counts (``coordinator_session``,
``report``), who has a dossier open (``presence``), the details per municipality and each
caseworker's own (``municipality_settings``, ``caseworker_settings``)."""
