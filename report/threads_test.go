package report

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"pledge/track"
)

// threadsByMaps is threads as it was first written, with a map of every
// commitment: what threads must still give.
func threadsByMaps(links []track.LinkRow, minYears int) ([][]int64, map[int64][]int) {
	byID := make(map[int64]track.LinkRow, len(links))
	for _, l := range links {
		byID[l.ID] = l
	}
	root := func(l track.LinkRow) int64 {
		for l.Recurring {
			p, ok := byID[l.Previous]
			if !ok {
				break
			}
			l = p
		}
		return l.ID
	}
	members := map[int64][]int64{}
	yearsOf := map[int64]map[int]bool{}
	var roots []int64
	for _, l := range links {
		r := root(l)
		if members[r] == nil {
			roots = append(roots, r)
			yearsOf[r] = map[int]bool{}
		}
		members[r] = append(members[r], l.ID)
		yearsOf[r][l.Year] = true
	}
	var out [][]int64
	years := map[int64][]int{}
	for _, r := range roots {
		if len(yearsOf[r]) < minYears {
			continue
		}
		out = append(out, members[r])
		for y := range yearsOf[r] {
			years[r] = append(years[r], y)
		}
		slices.Sort(years[r])
	}
	slices.SortStableFunc(out, func(a, b []int64) int { return cmp.Compare(len(years[b[0]]), len(years[a[0]])) })
	return out, years
}

// TestThreadsAsByMaps groups random threads, branching and not, as the
// first way of grouping them did.
func TestThreadsAsByMaps(t *testing.T) {
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 1))
		n := 1 + r.IntN(400)
		links := make([]track.LinkRow, n)
		ids := r.Perm(10 * n)
		year := 1990
		for i := range links {
			if r.IntN(4) == 0 {
				year++
			}
			links[i] = track.LinkRow{ID: int64(ids[i] + 1), Year: year}
			if i > 0 && r.IntN(3) > 0 {
				links[i].Recurring = true
				links[i].Previous = links[r.IntN(i)].ID
			} else if r.IntN(9) == 0 {
				links[i].Recurring = true
				links[i].Previous = -1 // a commitment the links do not hold
			} else if r.IntN(5) == 0 {
				links[i].Previous = int64(ids[r.IntN(len(ids))] + 1) // below the threshold, or gone
			}
		}
		// From two years: a commitment alone is a thread of one year,
		// which threads does not keep.
		for _, minYears := range []int{2, 3} {
			got, gotYears, yearOf := threads(links, minYears)
			want, wantYears := threadsByMaps(links, minYears)
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotYears, wantYears) {
				t.Fatalf("seed %d, %d years: threads %v %v, want %v %v", seed, minYears, got, gotYears, want, wantYears)
			}
			for _, l := range links {
				if y, ok := yearOf[l.ID]; ok && y != l.Year {
					t.Fatalf("seed %d: year of %d is %d, want %d", seed, l.ID, y, l.Year)
				}
			}
		}
	}
}
