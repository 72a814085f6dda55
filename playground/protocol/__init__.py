"""What crosses the kernel/window boundary: a safe codec and plain views. No torch, no Qt."""
