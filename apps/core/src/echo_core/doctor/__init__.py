"""`echo-core doctor`: whether this configuration can run Echo, and what to change if not."""
