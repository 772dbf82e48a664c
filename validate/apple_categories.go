package validate

import (
	"strings"

	"github.com/podfeed/podfeed/internal/applecat"
)

// Apple Podcasts categories (catalogue §3: 19 categories, 91
// subcategories, 110 values) come from internal/applecat, the one list the
// builder and the validator share. Matching is exact and case-sensitive,
// as Apple's is. These adapters give the rules '|'-separated lists.

// raAppleCategoryNamesList returns the current top-level categories,
// '|'-separated.
func raAppleCategoryNamesList() string {
	var names []string
	for _, c := range applecat.List() {
		names = append(names, c.Name)
	}
	return strings.Join(names, "|")
}

// raAppleSubcategories returns the '|'-separated subcategories of a
// current category ("" when it has none) and whether it is a category.
func raAppleSubcategories(category string) (string, bool) {
	subs, ok := applecat.Subcategories(category)
	return strings.Join(subs, "|"), ok
}

// raAppleParentOf returns the current category a subcategory belongs to.
func raAppleParentOf(sub string) (string, bool) { return applecat.ParentOf(sub) }

// raAppleObsolete returns the replacement for a pre-2019 category or
// subcategory (parent is "" for a top-level value), and whether value is
// obsolete there.
func raAppleObsolete(parent, value string) (string, bool) { return applecat.Obsolete(parent, value) }
