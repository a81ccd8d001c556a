"""What a record is: each record type declared once (fields, labels, limits), the domain's
words, its errors and its rules (四议两公开, ID numbers)."""
