// adalab: the command line, the shell at a terminal, and replay of session files.
StandardStreams.protect()
AdalabCommand.main()
