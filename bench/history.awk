# A git fast-import stream: N commits on refs/heads/main, each changing one of 350 files in 50 directories;
# VERSION is set in the first commit and changes every EVERY commits (0.0.0, 0.1.0, ..., 4.99.0 for N=50000).
function data(s) { printf "data %d\n%s", length(s), s }
BEGIN {
  if (N == "") N = 50000
  if (EVERY == "") EVERY = 100
  ts = 1600000000
  for (i = 0; i < N; i++) {
    printf "commit refs/heads/main\nmark :%d\n", i + 1
    printf "author Bench <bench@example.invalid> %d +0000\n", ts + i * 60
    printf "committer Bench <bench@example.invalid> %d +0000\n", ts + i * 60
    data("change " i "\n")
    if (i > 0) printf "from :%d\n", i
    if (i == 0) { printf "M 100644 inline README\n"; data("synthetic history\n") }
    printf "M 100644 inline src/mod%d/file%d.txt\n", i % 50, i % 7
    data("line " i "\n")
    if (i % EVERY == 0) {
      b = int(i / EVERY)
      printf "M 100644 inline VERSION\n"
      data(int(b / 100) "." (b % 100) ".0\n")
    }
  }
}
