"""journeycheck: launch readiness along the customer journey.

Kept free of imports so that ``journeycheck --version`` starts fast.
"""

__version__ = "0.1.0"
