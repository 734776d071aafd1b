"""What the relay does with each frame, one module per feature; sessions dispatch to them."""
