"""擂台比武: the town's quarterly scoring of the clusters and the 流动红旗.

Pure rules (``rules``, ``ranking``, ``flags``, ``quarters``), the registry of automatic
indicators (``registry``) with today's sources (``sources``), and the computation of a
quarter from plain inputs (``compute``). Storage lives in ``desktop_app.services.assessment``.
"""
