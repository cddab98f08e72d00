#!/usr/bin/env python3
"""Reads BackPlan's output with real parsers and prints what they saw as JSON.

  inspect_output.py check MODULE...   exit 0 when every module imports, else 3
  inspect_output.py ics FILE          plan.ics through `icalendar`
  inspect_output.py eml FILE          plan.eml through the standard `email` package
  inspect_output.py smtp-sink DIR     an aiosmtpd server on 127.0.0.1 and a free port;
                                      prints the port, saves each message to DIR,
                                      stops on SIGTERM or when stdin closes

The Swift tests run this script and compare its JSON; a missing module exits
with status 3 so that they can skip with a clear message.
"""

import base64
import datetime
import email
import email.policy
import importlib
import json
import os
import signal
import struct
import sys
import threading


def check(modules):
    missing = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        print("missing Python modules: " + ", ".join(missing))
        sys.exit(3)
    print("ok")


def when(value):
    """A DATE or DATE-TIME as ISO text plus, for a DATE-TIME, its UTC instant."""
    if isinstance(value, datetime.datetime):
        utc = value.astimezone(datetime.timezone.utc).isoformat() if value.tzinfo else None
        return {"local": value.isoformat(), "utc": utc, "all_day": False}
    return {"local": value.isoformat(), "utc": None, "all_day": True}


def ics(path):
    import icalendar

    with open(path, "rb") as handle:
        raw = handle.read()
    calendar = icalendar.Calendar.from_ical(raw)
    zones = {}
    for component in calendar.walk("VTIMEZONE"):
        zones[str(component["TZID"])] = component.to_tz()
    events = []
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        entry = {
            "uid": str(event["UID"]),
            "summary": str(event["SUMMARY"]),
            "description": str(event.get("DESCRIPTION", "")),
            "dtstamp": event.decoded("DTSTAMP").isoformat(),
            "start": when(start),
            "tzid": event["DTSTART"].params.get("TZID"),
            "alarms": [str(alarm["TRIGGER"].to_ical(), "ascii") for alarm in event.walk("VALARM")],
            "alarm_actions": [str(alarm["ACTION"]) for alarm in event.walk("VALARM")],
        }
        if "DURATION" in event:
            entry["duration_seconds"] = int(event.decoded("DURATION").total_seconds())
        if "DTEND" in event:
            entry["end"] = when(event.decoded("DTEND"))
        tzid = entry["tzid"]
        if tzid in zones and isinstance(start, datetime.datetime):
            # The wall-clock time read through the file's own VTIMEZONE, not the system's rules.
            naive = start.replace(tzinfo=None)
            own = naive.replace(tzinfo=zones[tzid])
            entry["utc_by_vtimezone"] = own.astimezone(datetime.timezone.utc).isoformat()
        events.append(entry)
    lines = raw.split(b"\r\n")
    print(json.dumps({
        "version": str(calendar.get("VERSION")),
        "prodid": str(calendar.get("PRODID")),
        "method": str(calendar.get("METHOD")),
        "timezones": sorted(zones),
        "events": events,
        "max_line_octets": max(len(line) for line in lines),
        "bare_lf": raw.replace(b"\r\n", b"").count(b"\n"),
        "ends_with_crlf": raw.endswith(b"\r\n"),
        "valid_utf8_lines": all(valid_utf8(line) for line in lines),
    }, ensure_ascii=False))


def valid_utf8(line):
    try:
        line.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def part_tree(part):
    node = {"type": part.get_content_type()}
    params = {key: value for key, value in part.get_params(header="content-type")[1:]} if part.get_params() else {}
    if params:
        node["params"] = params
    if part.is_multipart():
        node["parts"] = [part_tree(child) for child in part.iter_parts()]
    else:
        node["encoding"] = part.get("Content-Transfer-Encoding", "")
        node["disposition"] = part.get_content_disposition()
        node["filename"] = part.get_filename()
        payload = part.get_payload(decode=True)
        node["content_base64"] = base64.b64encode(payload).decode("ascii") if part.get_content_type() == "text/calendar" else None
        if part.get("Content-ID") is not None:
            node["content_id"] = str(part.get("Content-ID")).strip()
        if part.get_content_maintype() == "image":
            # A real PNG: the signature, then the IHDR chunk holding width and height.
            node["png"] = payload[:8] == b"\x89PNG\r\n\x1a\n" and payload[12:16] == b"IHDR"
            if node["png"]:
                node["png_width"], node["png_height"] = struct.unpack(">II", payload[16:24])
        elif part.get_content_maintype() == "text":
            node["text"] = payload.decode(part.get_content_charset() or "utf-8")
    return node


def eml(path):
    with open(path, "rb") as handle:
        raw = handle.read()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    headers = {}
    for name in ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version"]:
        headers[name] = str(message[name]) if message[name] is not None else None
    addresses = {}
    for name in ["From", "To"]:
        header = message[name]
        if header is not None:
            addresses[name] = [{"name": a.display_name, "address": a.addr_spec} for a in header.addresses]
    lines = raw.split(b"\r\n")
    print(json.dumps({
        "headers": headers,
        "addresses": addresses,
        "raw_headers": raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace"),
        "header_ascii": all(byte < 128 for byte in raw.split(b"\r\n\r\n", 1)[0]),
        "body_ascii": all(byte < 128 for byte in raw),
        "defects": [type(defect).__name__ for defect in message.defects],
        "date_parsed": email.utils.parsedate_to_datetime(message["Date"]).isoformat() if message["Date"] else None,
        "tree": part_tree(message),
        "max_line_octets": max(len(line) for line in lines),
        "bare_lf": raw.replace(b"\r\n", b"").count(b"\n"),
    }, ensure_ascii=False))


def smtp_sink(folder):
    import asyncio
    import socket
    from aiosmtpd.smtp import SMTP

    class Saver:
        def __init__(self):
            self.count = 0

        async def handle_DATA(self, server, conversation, envelope):
            self.count += 1
            base = os.path.join(folder, "message-%d" % self.count)
            with open(base + ".eml", "wb") as handle:
                handle.write(envelope.original_content or envelope.content)
            with open(base + ".json", "w") as handle:
                json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, handle)
            return "250 Message accepted for delivery"

    async def serve():
        # A parent may start us with signals blocked; stop on SIGTERM or when stdin closes, whichever comes.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
        # Bind first, then report the port: no other process can take it in between.
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        saver = Saver()
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: SMTP(saver, hostname="backplan.test"), sock=listener)
        stop = asyncio.Event()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        loop.add_signal_handler(signal.SIGINT, stop.set)
        threading.Thread(target=lambda: (sys.stdin.buffer.read(), loop.call_soon_threadsafe(stop.set)), daemon=True).start()
        print(listener.getsockname()[1], flush=True)
        await stop.wait()
        server.close()
        await server.wait_closed()

    asyncio.run(serve())


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == "check":
        check(arguments)
    elif command == "ics":
        ics(arguments[0])
    elif command == "eml":
        eml(arguments[0])
    elif command == "smtp-sink":
        smtp_sink(arguments[0])
    else:
        print("unknown command " + command, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
