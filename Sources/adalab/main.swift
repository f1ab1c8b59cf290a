print("adalab")
