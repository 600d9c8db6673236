"""Core of Regionplan: no GUI code. Used by the dock panel and Processing alike."""
