"""Cards keep no models: cached cards are keyed by the content version of ``practices.changes``."""
