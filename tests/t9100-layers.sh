#!/bin/sh
# The library's layers point one way: tools/layers.py reads the module
# table of docs/ARCHITECTURE.md and the symbols of the compiled objects,
# and refuses an upward call or a circle.  Its self-check shows that it
# does refuse them, on fixture graphs.
. "$(dirname "$0")/lib.sh"

LAYERS="$PYTHON $SRC_DIR/tools/layers.py $SRC_DIR/docs/ARCHITECTURE.md"
FIX="$SRC_DIR/tests/fixtures/layers"

test_expect_success 'self-check: a graph that keeps to the layers passes' '
	$LAYERS --graph "$FIX/ok.graph" >out &&
	grep "ok$" out
'

test_expect_success 'self-check: an upward call fails and is named' '
	test_expect_code 1 $LAYERS --graph "$FIX/upward.graph" >out &&
	grep "upward call: ids (base) -> repo (storage)" out
'

test_expect_success 'self-check: a circle fails and is named' '
	test_expect_code 1 $LAYERS --graph "$FIX/cycle.graph" >out &&
	grep "cycle: repo -> txn -> repo" out
'

test_expect_success 'self-check: a module missing from the table fails' '
	printf "strbuf mystery\n" >g &&
	test_expect_code 1 $LAYERS --graph g >out &&
	grep "mystery: module not in the table" out
'

test_expect_success 'the compiled library keeps to its layers' '
	objs=$(ls "$SRC_DIR"/build/lib/*.o) && test -n "$objs" &&
	$LAYERS $objs >out || { cat out; false; }
'

test_expect_success 'every lib/*.c is an object the check read' '
	for c in "$SRC_DIR"/lib/*.c; do
		o="$SRC_DIR/build/lib/$(basename "$c" .c).o"
		test -f "$o" || { echo "not built: $o"; exit 1; }
	done
'

test_expect_success 'cmd/ uses only the public headers' '
	! grep -n "#include \"[a-z-]*-private.h\"\|#include \"query.h\"" "$SRC_DIR"/cmd/*.c "$SRC_DIR"/cmd/*/*.c "$SRC_DIR"/cmd/*.h
'

test_expect_success 'the library reads no environment variable and prints nothing' '
	! grep -n "getenv\|printf(\|fputs(\|puts(\|exit(" "$SRC_DIR"/lib/*.c |
		grep -v "snprintf\|vsnprintf\|strbuf_addf\|strbuf_vaddf\|_exit(126)"
'

test_expect_success 'no source file is over 1000 lines' '
	for f in "$SRC_DIR"/lib/*.[ch] "$SRC_DIR"/cmd/*.[ch] "$SRC_DIR"/cmd/*/*.c "$SRC_DIR"/include/farley/*.h; do
		n=$(wc -l <"$f")
		test "$n" -le 1000 || { echo "$f: $n lines"; exit 1; }
	done
'

test_done
