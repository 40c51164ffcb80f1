#!/usr/bin/env bash
# End-to-end checks of how the newsgraph command writes its outputs (README, "Outputs"): a run
# that fails after its first output leaves every earlier file intact (a folder in the way, a
# missing folder, a file size limit, a full disk); a run killed while its temporary files exist
# (SIGTERM, SIGKILL then the next run) leaves none behind and the old files; devices, FIFOs and
# symbolic links are written through, never replaced; concurrent `build --into` runs on one graph
# both land.
#
# Usage: outputs.sh NEWSGRAPH_BINARY SOURCE_DIR [EXPECTED_VERSION]
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

full=$work/full
trap 'umount "$full" 2>/dev/null; rm -rf "$work"' EXIT

# The temporary files, kept old contents and lock files anywhere under $work.
leftovers() { find "$work" -name '.*.tmp-*' -o -name '.*.old-*' -o -name '.*.lock' | LC_ALL=C sort; }
expect_no_leftovers() {
  local name=$1
  if [ -z "$(leftovers)" ]; then pass "$name"; else fail "$name: $(leftovers | tr '\n' ' ')"; fi
}
expect_content() {
  local name=$1 file=$2 want=$3
  if [ -f "$file" ] && [ "$(cat "$file")" = "$want" ]; then
    pass "$name"
  else
    fail "$name: $file holds '$(head -c 80 "$file" 2>/dev/null | tr '\n' ' ')'"
  fi
}

# The outputs of an ordinary run, to compare with.
run build "$samples" -o "$in/ref.json" -o "$in/ref.dot" --mentions "$in/ref.mentions.jsonl"
expect_rc "reference run" 0

echo "# a failed run replaces no earlier output"
echo old >keep.json
echo old >small.dot
mkdir taken.dot
run build "$samples" -o keep.json -o taken.dot
expect_error_line "second -o is a folder" "taken.dot: cannot write: Is a directory"
expect_content "second -o is a folder: the first output is as it was" keep.json old
rmdir taken.dot
run build "$samples" -o keep.json --mentions nodir/m.jsonl
expect_error_line "--mentions in a missing folder" "nodir/m.jsonl"
expect_content "--mentions in a missing folder: -o is as it was" keep.json old
run build "$samples" -o keep.json --explain-merges "$work"
expect_error_line "--explain-merges is a folder" "Is a directory"
expect_content "--explain-merges is a folder: -o is as it was" keep.json old
# A failure while writing, after the first output is complete in its temporary file: the file
# size limit (in KiB) lets the 11 KB DOT through, not the 120 KB JSON.
(
  ulimit -f 40
  "$ng" build "$samples" -o small.dot -o keep.json >"$work/stdout" 2>"$work/stderr"
)
rc=$?
expect_error_line "file size limit on the second output" "keep.json: cannot write: File too large"
expect_content "file size limit: the first output is as it was" small.dot old
expect_content "file size limit: the second output is as it was" keep.json old
expect_no_leftovers "failed runs leave no temporary file"

run build "$samples" -o g.json
echo old >a.dot
run render g.json -o a.dot -o nodir/b.dot
expect_error_line "render with an output in a missing folder" "nodir/b.dot"
expect_content "render: the other output is as it was" a.dot old
if command -v dot >/dev/null 2>&1; then
  echo old >a.svg
  run render g.json -o a.svg -o nodir/b.svg
  expect_error_line "render .svg with an output in a missing folder" "nodir/b.svg"
  expect_content "render .svg: the other output is as it was" a.svg old
fi
run render g.json -o a.dot -o b.dot
expect_rc "render two outputs" 0
expect_same "render: both outputs written" a.dot b.dot

echo "# full disk"
mkdir "$full"
if mount -t tmpfs -o size=64k tmpfs "$full" 2>/dev/null; then
  echo old >"$full/small.dot"
  echo old >"$full/keep.json"
  run build "$samples" -o "$full/small.dot" -o "$full/keep.json"
  expect_error_line "full disk" "keep.json: cannot write: No space left on device"
  expect_content "full disk: the first output is as it was" "$full/small.dot" old
  expect_content "full disk: the second output is as it was" "$full/keep.json" old
  on_disk=$(find "$full" -mindepth 1 -printf '%f ' | tr ' ' '\n' | LC_ALL=C sort | tr '\n' ' ')
  if [ "$on_disk" = "keep.json small.dot " ]; then
    pass "full disk: no temporary file left"
  else
    fail "full disk left: $on_disk"
  fi
  umount "$full"
else
  echo "# skipped: mounting a small tmpfs is not permitted here (the file size limit check stands in)"
fi
rmdir "$full"

echo "# killed runs"
# A FIFO without a reader holds a run after its other outputs are complete in their temporary
# files and before any is renamed: the moment a kill must leave the old files.
mkfifo stuck
wait_for_temporary() {
  for _ in $(seq 200); do
    if compgen -G '.keep.json.tmp-*' >/dev/null; then return 0; fi
    sleep 0.05
  done
  return 1
}
# (Not SIGINT: a shell script starts its background jobs with SIGINT ignored, and an ignored
# signal stays ignored.)
for sig in TERM HUP; do
  echo old >keep.json
  "$ng" build "$samples" -o keep.json --mentions stuck >"$work/stdout" 2>"$work/stderr" &
  pid=$!
  if wait_for_temporary; then pass "SIG$sig: the run has its temporary file"; else fail "SIG$sig: no temporary file appeared"; fi
  kill -s "$sig" "$pid"
  { wait "$pid"; } 2>/dev/null
  rc=$?
  if [ "$rc" -eq $((128 + $(kill -l "$sig"))) ]; then pass "SIG$sig ends the run by the signal"; else fail "SIG$sig: exit $rc"; fi
  expect_no_leftovers "SIG$sig leaves no temporary file"
  expect_content "SIG$sig leaves the old file" keep.json old
done
"$ng" build "$samples" -o keep.json --mentions stuck >"$work/stdout" 2>"$work/stderr" &
pid=$!
wait_for_temporary
kill -KILL "$pid"
{ wait "$pid"; } 2>/dev/null
if [ -n "$(leftovers)" ]; then pass "SIGKILL leaves its temporary file"; else fail "SIGKILL left no temporary file (the check proves nothing)"; fi
expect_content "SIGKILL leaves the old file" keep.json old
run build "$samples" -o keep.json
expect_rc "the next run" 0
expect_no_leftovers "the next run removes the temporary file of the killed one"
expect_same "the next run writes the file" keep.json "$in/ref.json"
rm -f stuck

echo "# devices, FIFOs and symbolic links"
if mknod null c 1 3 2>/dev/null; then
  run build "$samples" --mentions null -o x.json
  expect_rc "--mentions to a null device" 0
  if [ -c null ]; then pass "a null device stays a character device"; else fail "the null device was replaced"; fi
  rm -f null x.json
else
  echo "# skipped: mknod is not permitted here"
fi
mkfifo pipe
cat pipe >"$work/from-pipe" &
reader=$!
run build "$samples" --mentions pipe -o x.json
wait "$reader"
expect_rc "--mentions to a FIFO" 0
if [ -p pipe ]; then pass "a FIFO stays a FIFO"; else fail "the FIFO was replaced"; fi
expect_same "the FIFO's reader gets the mentions" "$work/from-pipe" "$in/ref.mentions.jsonl"
rm -f pipe x.json "$work/from-pipe"
mkdir real
echo old >real/graph.json
ln -s real/graph.json link.json
ln -s real/new.dot dangling.dot
run build "$samples" -o link.json -o dangling.dot
expect_rc "-o through symbolic links" 0
if [ -L link.json ] && [ -L dangling.dot ]; then pass "symbolic links stay links"; else fail "a link was replaced"; fi
expect_same "the file a link points to gets the content" real/graph.json "$in/ref.json"
expect_same "a dangling link's file is created" real/new.dot "$in/ref.dot"
rm -rf real link.json dangling.dot

echo "# concurrent --into"
run build "$txt_a" "$txt_b" "$jsonl" -o "$in/all.json"
for round in 1 2 3; do
  run build "$txt_a" -o into.json
  "$ng" build -q --into into.json "$txt_b" >"$work/stdout" 2>"$work/stderr" &
  first=$!
  "$ng" build -q --into into.json "$jsonl" >"$work/stdout2" 2>"$work/stderr2" &
  second=$!
  wait "$first"
  rc1=$?
  wait "$second"
  rc2=$?
  if [ "$rc1" -eq 0 ] && [ "$rc2" -eq 0 ]; then pass "round $round: both --into runs succeed"; else fail "round $round: exits $rc1 and $rc2"; fi
  expect_same "round $round: the graph holds both batches" into.json "$in/all.json"
done
rm -f "$work/stdout2" "$work/stderr2"
expect_no_leftovers "--into leaves no lock file"
if command -v flock >/dev/null 2>&1; then
  run build "$txt_a" -o into.json
  flock .into.json.lock sleep 2 &
  holder=$!
  sleep 0.5
  run build --into into.json "$txt_b" "$jsonl"
  wait "$holder"
  expect_rc "--into while another holds the lock" 0
  expect_stderr_contains "--into says it waits" "newsgraph: waiting for another run to finish with into.json"
  expect_same "--into after waiting holds every batch" into.json "$in/all.json"
  expect_no_leftovers "--into after waiting leaves no lock file"
fi

finish
