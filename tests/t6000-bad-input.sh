#!/bin/sh
# Bad input gets a clear error with path:line:column, never a crash or a
# hang, and nothing changes.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	new_crm && farley add company "Good Co" >/dev/null && mkdir -p companies/ba
'

# bad_record NAME PATTERN: the hand-made file is refused by show and check
# with an error matching PATTERN, and set leaves it alone.  (Hand-made files
# reach the index once committed or after "farley index".)
bad_record() {
	f=companies/ba/$1.yaml
	timeout 10 farley index -q &&
	test_expect_code 1 timeout 10 farley show "$1" 2>err &&
	grep -E "$2" err &&
	test_expect_code 1 timeout 10 farley check 2>err &&
	grep -E "$2" err &&
	cp "$f" before &&
	test_expect_code 1 timeout 10 farley set "$1" industry=x 2>/dev/null &&
	test_cmp before "$f" && rm "$f"
}

test_expect_success 'a 100,000-deep [[[ is rejected at once, not parsed' '
	cd crm &&
	$PYTHON -c "print(\"name: \" + \"[\" * 100000)" >companies/ba/deep.yaml &&
	bad_record deep "companies/ba/deep.yaml:1:[0-9]+: nesting too deep" &&
	$PYTHON -c "print(\"[\" * 100000)" >companies/ba/deep2.yaml &&
	bad_record deep2 "deep2.yaml:1:1: a record must be a mapping" &&
	$PYTHON -c "print(\"name: x\naddress: \" + \"{a: \" * 50000)" >companies/ba/deep3.yaml &&
	bad_record deep3 "deep3.yaml:2:[0-9]+: nesting too deep"
'

test_expect_success 'anchors and aliases are refused' '
	cd crm && printf "name: &n Acme\nindustry: *n\n" >companies/ba/alias.yaml &&
	bad_record alias "alias.yaml:1:7: anchors are not allowed"
'

test_expect_success 'a billion laughs never expands' '
	cd crm &&
	printf "a: &a [x, x]\nb: &b [*a, *a]\nname: *b\n" >companies/ba/laughs.yaml &&
	bad_record laughs "laughs.yaml:1:4: anchors are not allowed"
'

test_expect_success 'duplicate keys are refused' '
	cd crm && printf "name: A\nindustry: x\nname: B\n" >companies/ba/dup.yaml &&
	bad_record dup "dup.yaml:3:1: duplicate key .name."
'

test_expect_success 'explicit tags are refused' '
	cd crm && printf "name: !!python/object:os.system x\n" >companies/ba/tag.yaml &&
	bad_record tag "tag.yaml:1:7: explicit tags are not allowed"
'

test_expect_success 'invalid UTF-8 is refused with its position' '
	cd crm && printf "name: ok\nindustry: M\374ller\n" >companies/ba/latin1.yaml &&
	bad_record latin1 "latin1.yaml:2:12: invalid UTF-8"
'

test_expect_success 'NUL bytes are refused' '
	cd crm && printf "name: a\000b\n" >companies/ba/nul.yaml &&
	bad_record nul "nul.yaml:1:8: NUL byte"
'

test_expect_success 'several documents are refused' '
	cd crm && printf "name: a\n---\nname: b\n" >companies/ba/docs.yaml &&
	bad_record docs "docs.yaml:2:1: several YAML documents"
'

test_expect_success 'files over 1 MiB are refused' '
	cd crm &&
	$PYTHON -c "print(\"name: x\nnotes: \" + \"y\" * (1 << 20))" >companies/ba/big.yaml &&
	bad_record big "big.yaml: file is larger than 1 MiB"
'

test_expect_success 'a YAML syntax error is named with line and column' '
	cd crm && printf "name: a\nindustry: [b\n" >companies/ba/syntax.yaml &&
	bad_record syntax "syntax.yaml:[0-9]+:[0-9]+: invalid YAML"
'

test_expect_success 'a record that is not a mapping, or is empty' '
	cd crm && printf -- "- a\n- b\n" >companies/ba/list.yaml &&
	bad_record list "list.yaml:1:1: a record must be a mapping" &&
	: >companies/ba/empty.yaml &&
	bad_record empty "empty.yaml:1:1: empty file"
'

test_expect_success 'a mapping where a value belongs is refused' '
	cd crm && printf "name: a\nindustry: {x: 1}\n" >companies/ba/map.yaml &&
	bad_record map "map.yaml:2:11: .industry. cannot hold a mapping"
'

test_expect_success 'a symbolic link is not followed out of the repository' '
	cd crm && ln -s /etc/passwd companies/ba/link.yaml && farley index -q &&
	test_expect_code 1 farley show link 2>err && grep "symbolic link" err &&
	rm companies/ba/link.yaml &&
	ln -s /tmp companies/zz &&
	test_expect_code 1 farley add company "Zz Top" 2>err &&
	grep "not a directory (symbolic links are not followed)" err &&
	! test -e /tmp/zz-top.yaml && rm companies/zz
'

test_expect_success 'a bad farley.yaml is an error naming its position' '
	cd crm && cp farley.yaml saved &&
	printf "stages:\n  - name: a\n    probability: 7\n" >farley.yaml &&
	test_expect_code 1 farley show good-co 2>err &&
	grep "farley.yaml:3:18: a stage.s probability must be between 0 and 1" err &&
	printf "stages: &x [*x]\n" >farley.yaml &&
	test_expect_code 1 farley show good-co 2>err && grep "farley.yaml:1:9" err &&
	cp saved farley.yaml
'

test_expect_success 'unknown options and commands are usage errors (exit 2)' '
	cd crm &&
	test_expect_code 2 farley show --bogus good-co 2>err && grep "unknown option" err &&
	test_expect_code 2 farley --bogus 2>err &&
	test_expect_code 2 farley frobnicate 2>err && grep "not a farley command" err &&
	test_expect_code 2 farley 2>err &&
	test_expect_code 2 farley show good-co --color=sometimes
'

# strace fails one system call the way a full or broken disk would.
# (LeakSanitizer cannot run under ptrace: off for these two commands.)
test_expect_success 'ENOSPC or EIO is a clean error with nothing changed' '
	cd crm && cp companies/go/good-co.yaml before && head=$(git rev-parse HEAD) &&
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" &&
	export ASAN_OPTIONS &&
	test_expect_code 1 strace -f -o /dev/null -e inject=fsync:error=EIO \
		farley set good-co industry=x 2>err &&
	grep "cannot write .companies/go/good-co.yaml.: Input/output error" err &&
	test_expect_code 1 strace -f -o /dev/null -e inject=rename:error=ENOSPC \
		farley set good-co industry=x 2>err &&
	grep "No space left on device" err &&
	test_cmp before companies/go/good-co.yaml &&
	! ls -a companies/go | grep tmp &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean
'

test_expect_success 'output to a closed pipe or full device is an error' '
	cd crm &&
	test_expect_code 1 farley show good-co >/dev/full 2>err &&
	grep "cannot write output" err
'

test_done
