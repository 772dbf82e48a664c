package show

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/podfeed/podfeed/feed"
)

// TestSortByDate: items come out newest first, then by GUID, in the
// order a stable sort of the items themselves gives (ties keep their
// definition order), with each source beside its item.
func TestSortByDate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 10, 257, 2000} {
		items := make([]feed.Item, n)
		srcs := make([]itemSource, n)
		for i := range items {
			day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(max(n/3, 1)))
			if rng.IntN(4) == 0 {
				day = day.In(time.FixedZone("x", 3600)) // the same instant, written otherwise
			}
			items[i] = feed.Item{PubDate: day, GUID: fmt.Sprintf("g%d", rng.IntN(max(n/2, 1))), Title: fmt.Sprint(i)}
			srcs[i] = itemSource{ep: &Episode{Title: fmt.Sprint(i)}}
		}
		want := append([]feed.Item(nil), items...)
		sort.SliceStable(want, func(i, j int) bool {
			a, b := &want[i], &want[j]
			if !a.PubDate.Equal(b.PubDate) {
				return a.PubDate.After(b.PubDate)
			}
			return a.GUID < b.GUID
		})
		sortByDate(items, srcs)
		for i := range items {
			if items[i].Title != want[i].Title {
				t.Fatalf("n=%d: item %d is %s, want %s", n, i, items[i].Title, want[i].Title)
			}
			if srcs[i].ep.Title != items[i].Title {
				t.Fatalf("n=%d: item %d has the source of item %s", n, i, srcs[i].ep.Title)
			}
		}
	}
}
