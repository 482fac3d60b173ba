"""Enterprise technology needs (技术需求), technology contract registration and yearly targets."""
