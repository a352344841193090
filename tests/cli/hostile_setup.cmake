# Writes the hostile inputs that cannot be committed (cmake -P, run as the CTest fixture
# `hostile_files`):
#   -DOUT=<directory>
# - huge-200mb.json: 200 MB that starts like a capture, the rest zero bytes (sparse, written in
#   no time); `--max-input-bytes` must stop it before it is read.
# - deep-100k.json: 100 000 nested arrays; `--max-json-depth` must stop it before the parser.
# - empty-directory/: a directory without any file.
# - fifo/describe-vpcs.json: a FIFO; opening it would block until a writer comes.
# - dangling-symlink/describe-vpcs.json: a symbolic link to a file that does not exist.
# - device/describe-vpcs.json: a symbolic link to /dev/zero, which never ends.
# - mode-000/describe-vpcs.json: a capture nobody may read (only for users other than root).
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT} ${OUT}/empty-directory ${OUT}/fifo ${OUT}/dangling-symlink ${OUT}/device ${OUT}/mode-000)

file(WRITE ${OUT}/huge-200mb.json "{\"Vpcs\": [")
execute_process(COMMAND truncate -s 200000000 ${OUT}/huge-200mb.json COMMAND_ERROR_IS_FATAL ANY)

string(REPEAT "[" 100000 open)
string(REPEAT "]" 100000 close)
file(WRITE ${OUT}/deep-100k.json "${open}${close}\n")

execute_process(COMMAND mkfifo ${OUT}/fifo/describe-vpcs.json COMMAND_ERROR_IS_FATAL ANY)
file(CREATE_LINK ${OUT}/no-such-file.json ${OUT}/dangling-symlink/describe-vpcs.json SYMBOLIC)
file(CREATE_LINK /dev/zero ${OUT}/device/describe-vpcs.json SYMBOLIC)
file(WRITE ${OUT}/mode-000/describe-vpcs.json "{\"Vpcs\": []}\n")
execute_process(COMMAND chmod 000 ${OUT}/mode-000/describe-vpcs.json COMMAND_ERROR_IS_FATAL ANY)
