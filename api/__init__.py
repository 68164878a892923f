"""The web layer (FastAPI) over the kb library."""
