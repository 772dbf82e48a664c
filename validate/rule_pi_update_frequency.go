package validate

import "strings"

// piRRuleProblem checks an RFC 5545 RECUR value and returns a description
// of the first problem, or "". It also returns the UNTIL and COUNT parts.
func piRRuleProblem(r string) (problem, until string, hasCount bool) {
	freq := false
	for _, part := range strings.Split(r, ";") {
		eq := strings.IndexByte(part, '=')
		if eq <= 0 || eq == len(part)-1 {
			return "part " + part + " is not NAME=VALUE", "", false
		}
		k, v := strings.ToUpper(part[:eq]), part[eq+1:]
		switch k {
		case "FREQ":
			switch strings.ToUpper(v) {
			case "SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY":
				freq = true
			default:
				return "FREQ=" + v + " is not a frequency", "", false
			}
		case "COUNT", "INTERVAL":
			if !raIsDigits(v) {
				return k + "=" + v + " is not a number", "", false
			}
			if k == "COUNT" {
				hasCount = true
			}
		case "UNTIL":
			until = v
		case "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST":
		default:
			return k + " is not an RRULE part", "", false
		}
	}
	if !freq {
		return "FREQ is missing", "", false
	}
	if hasCount && until != "" {
		return "COUNT and UNTIL must not both be given", "", false
	}
	return "", until, hasCount
}

// piUntilShape classifies an UNTIL value as ISO 8601 or RFC 5545, date-only or not.
func piUntilShape(v string) (dateOnly, ok bool) {
	if d, ok := piISO8601Shape(v); ok {
		return d, true
	}
	// RFC 5545 DATE or DATE-TIME: 20231231 or 20231231T000000[Z]
	if len(v) == 8 && raIsDigits(v) {
		return true, true
	}
	if len(v) >= 15 && raIsDigits(v[:8]) && v[8] == 'T' && raIsDigits(v[9:15]) && (len(v) == 15 || v[15:] == "Z") {
		return false, true
	}
	return false, false
}

func rulePiUpdateFrequency() *Rule {
	check := func(p *Pass, n *Node) {
		if a := n.Attr("complete"); a != nil && !piIsBool(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:updateFrequency complete %q must be \"true\" or \"false\"", a.Value)
		}
		dt := n.Attr("dtstart")
		dtDateOnly, dtOK := false, false
		if dt != nil {
			dtDateOnly, dtOK = piISO8601Shape(trimSpace(dt.Value))
			if !dtOK {
				p.Reportf(dt.Pos, "podcast:updateFrequency dtstart %q is not an ISO 8601 date or date-time", dt.Value)
			}
		}
		rr := n.Attr("rrule")
		if rr == nil {
			return
		}
		problem, until, hasCount := piRRuleProblem(trimSpace(rr.Value))
		if problem != "" {
			p.Reportf(rr.Pos, "podcast:updateFrequency rrule %q is not an RFC 5545 recurrence rule: %s", rr.Value, problem)
			return
		}
		if hasCount && dt == nil {
			p.Reportf(rr.Pos, "podcast:updateFrequency rrule %q has COUNT, so dtstart is required", rr.Value)
		}
		if until != "" {
			uDateOnly, uOK := piUntilShape(until)
			switch {
			case !uOK:
				p.Reportf(rr.Pos, "podcast:updateFrequency rrule UNTIL=%s is not a date or date-time", until)
			case dtOK && uDateOnly != dtDateOnly:
				p.Reportf(rr.Pos, "podcast:updateFrequency rrule UNTIL=%s and dtstart %q must both be dates or both date-times", until, dt.Value)
			}
		}
	}
	ch, _ := piHooks("updateFrequency", check)
	return &Rule{
		Code:     "pi-update-frequency",
		Title:    "podcast:updateFrequency has an invalid rrule, dtstart or complete",
		Severity: Warning,
		Profiles: piProfiles(),
		Source:   "PI update-frequency",
		Since:    "v0.1.0",
		Doc: "`podcast:updateFrequency` states the release schedule. `complete` is a boolean, `rrule` " +
			"an RFC 5545 recurrence rule (FREQ required), and `dtstart` an ISO 8601 date or " +
			"date-time, required when the rule has COUNT; with UNTIL, both must be dates or both " +
			"date-times.",
		Hint:    "Write e.g. rrule=\"FREQ=WEEKLY;BYDAY=MO;COUNT=10\" dtstart=\"2023-08-28T00:00:00.000Z\".",
		Bad:     "<podcast:updateFrequency rrule=\"WEEKLY;COUNT=10\">Weekly</podcast:updateFrequency>",
		Good:    "<podcast:updateFrequency rrule=\"FREQ=WEEKLY;COUNT=10\" dtstart=\"2023-08-28T00:00:00.000Z\">Weekly, 10 episodes</podcast:updateFrequency>",
		Refs:    []string{piRef("update-frequency"), "https://www.rfc-editor.org/rfc/rfc5545#section-3.3.10"},
		Channel: ch,
	}
}
