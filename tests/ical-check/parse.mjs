// Reads an iCalendar file with ical.js and prints its events as JSON, so the .NET tests can check
// Tsunagu's feeds against a standard parser rather than only their own reading of RFC 5545.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(process.argv[2], "utf8");
const calendar = new ICAL.Component(ICAL.parse(text));
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    summary: event.summary,
    description: event.description,
    location: event.location,
    status: component.getFirstPropertyValue("status"),
    url: component.getFirstPropertyValue("url"),
    sequence: event.sequence,
    lastModified: component.getFirstPropertyValue("last-modified")?.toJSDate().toISOString() ?? null,
    dtstamp: component.getFirstPropertyValue("dtstamp")?.toJSDate().toISOString() ?? null,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
  };
});
console.log(JSON.stringify({
  version: calendar.getFirstPropertyValue("version"),
  prodid: calendar.getFirstPropertyValue("prodid"),
  events,
}));
