"""Processing provider ``regionplan``: thin shells over ``core``."""
