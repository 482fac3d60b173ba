"""Enterprise technology needs (技术需求): the need, its review, confidentiality and search."""
