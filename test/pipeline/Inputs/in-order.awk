# in-order.awk - for a pipeline test's output: lines "serial N" must come
# with N = 0, 1, 2, ...; prints "K lines in order" (or where the order
# broke), then passes every other line through.
$1 == "serial" {
    if ($2 != n && !bad) {
        print "line " NR ": serial " $2 " where " n " was due"
        bad = 1
    }
    n++
    next
}
{
    if (!bad && !told) {
        print n " lines in order"
        told = 1
    }
    print
}
