"""The kernel: a zygote process that forks one sandboxed child per script run."""
