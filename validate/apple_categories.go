package validate

// Apple Podcasts categories (catalogue §3: 19 categories, 91
// subcategories, 110 values), as constant data. Matching is exact and
// case-sensitive, as Apple's is.

// raAppleCategoryNames lists the current top-level categories.
const raAppleCategoryNames = "Arts|Business|Comedy|Education|Fiction|Government|History|Health & Fitness|Kids & Family|" +
	"Leisure|Music|News|Religion & Spirituality|Science|Society & Culture|Sports|Technology|True Crime|TV & Film"

// raAppleSubcategories returns the '|'-separated subcategories of a
// current category ("" when it has none) and whether it is a category.
func raAppleSubcategories(category string) (string, bool) {
	switch category {
	case "Arts":
		return "Books|Design|Fashion & Beauty|Food|Performing Arts|Visual Arts", true
	case "Business":
		return "Careers|Entrepreneurship|Investing|Management|Marketing|Non-Profit", true
	case "Comedy":
		return "Comedy Interviews|Improv|Stand-Up", true
	case "Education":
		return "Courses|How To|Language Learning|Self-Improvement", true
	case "Fiction":
		return "Comedy Fiction|Drama|Science Fiction", true
	case "Government", "History", "Technology", "True Crime":
		return "", true
	case "Health & Fitness":
		return "Alternative Health|Fitness|Medicine|Mental Health|Nutrition|Sexuality", true
	case "Kids & Family":
		return "Education for Kids|Parenting|Pets & Animals|Stories for Kids", true
	case "Leisure":
		return "Animation & Manga|Automotive|Aviation|Crafts|Games|Hobbies|Home & Garden|Video Games", true
	case "Music":
		return "Music Commentary|Music History|Music Interviews", true
	case "News":
		return "Business News|Daily News|Entertainment News|News Commentary|Politics|Sports News|Tech News", true
	case "Religion & Spirituality":
		return "Buddhism|Christianity|Hinduism|Islam|Judaism|Religion|Spirituality", true
	case "Science":
		return "Astronomy|Chemistry|Earth Sciences|Life Sciences|Mathematics|Natural Sciences|Nature|Physics|Social Sciences", true
	case "Society & Culture":
		return "Documentary|Personal Journals|Philosophy|Places & Travel|Relationships", true
	case "Sports":
		return "Baseball|Basketball|Cricket|Fantasy Sports|Football|Golf|Hockey|Rugby|Running|Soccer|Swimming|Tennis|Volleyball|Wilderness|Wrestling", true
	case "TV & Film":
		return "After Shows|Film History|Film Interviews|Film Reviews|TV Reviews", true
	}
	return "", false
}

// raAppleParentOf returns the current category a subcategory belongs to.
func raAppleParentOf(sub string) (string, bool) {
	list := raAppleCategoryNames
	for len(list) > 0 {
		i := len(list)
		for j := 0; j < len(list); j++ {
			if list[j] == '|' {
				i = j
				break
			}
		}
		cat := list[:i]
		if subs, _ := raAppleSubcategories(cat); raInList(subs, sub) {
			return cat, true
		}
		if i == len(list) {
			break
		}
		list = list[i+1:]
	}
	return "", false
}

// raAppleObsolete returns the replacement for a pre-2019 category or
// subcategory (parent is "" for a top-level value), and whether value is
// obsolete there. The suggestion is written "Category" or
// "Category > Subcategory".
func raAppleObsolete(parent, value string) (string, bool) {
	if parent == "" {
		switch value {
		case "Games & Hobbies":
			return "Leisure", true
		case "Government & Organizations":
			return "Government", true
		case "Health":
			return "Health & Fitness", true
		case "News & Politics":
			return "News", true
		case "Science & Medicine":
			return "Science", true
		case "Sports & Recreation":
			return "Sports", true
		}
		return "", false
	}
	switch parent + " > " + value {
	case "Arts > Literature":
		return "Arts > Books", true
	case "Business > Business News":
		return "News > Business News", true
	case "Business > Management & Marketing":
		return "Business > Management or Business > Marketing", true
	case "Business > Shopping":
		return "Business", true
	case "Education > Education Technology", "Education > Higher Education", "Education > K-12", "Education > Training":
		return "Education > Courses", true
	case "Education > Language Courses":
		return "Education > Language Learning", true
	case "Games & Hobbies > Automotive":
		return "Leisure > Automotive", true
	case "Games & Hobbies > Aviation":
		return "Leisure > Aviation", true
	case "Games & Hobbies > Hobbies":
		return "Leisure > Hobbies", true
	case "Games & Hobbies > Other Games":
		return "Leisure > Games", true
	case "Games & Hobbies > Video Games":
		return "Leisure > Video Games", true
	case "Government & Organizations > Local", "Government & Organizations > National", "Government & Organizations > Regional":
		return "Government", true
	case "Government & Organizations > Non-Profit":
		return "Business > Non-Profit", true
	case "Health > Alternative Health":
		return "Health & Fitness > Alternative Health", true
	case "Health > Fitness & Nutrition":
		return "Health & Fitness > Fitness or Health & Fitness > Nutrition", true
	case "Health > Self-Help":
		return "Education > Self-Improvement", true
	case "Health > Sexuality":
		return "Health & Fitness > Sexuality", true
	case "Religion & Spirituality > Other":
		return "Religion & Spirituality > Religion", true
	case "Science & Medicine > Medicine":
		return "Health & Fitness > Medicine", true
	case "Science & Medicine > Natural Sciences":
		return "Science > Natural Sciences", true
	case "Science & Medicine > Social Sciences":
		return "Science > Social Sciences", true
	case "Society & Culture > History":
		return "History", true
	case "Sports & Recreation > Amateur", "Sports & Recreation > College & High School", "Sports & Recreation > Professional":
		return "Sports", true
	case "Sports & Recreation > Outdoor":
		return "Sports > Wilderness", true
	case "Technology > Gadgets", "Technology > Podcasting", "Technology > Software How-To":
		return "Technology", true
	case "Technology > Tech News":
		return "News > Tech News", true
	}
	return "", false
}
