#!/usr/bin/env python3
"""Holds N concurrent streaming chat requests open through the gateway (loopback only) and checks every stream.

Each stream is one raw HTTP/1.1 connection: POST, then read the chunked SSE body until "data: [DONE]". A stream
counts as ok when it answered 200, carried every content delta of the mock's answer and ended with [DONE].
Prints one JSON line: ok/errors by kind, the peak number of streams open at the same time, TTFB and duration
percentiles (ms). Bounded: connections are opened in a ramp, every stream has a deadline.

usage: slow-streams.py HOST PORT MODEL API_KEY N RAMP_S TIMEOUT_S
"""
import asyncio
import json
import sys
import time

HOST, PORT, MODEL, KEY = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
N, RAMP, TIMEOUT = int(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])
if HOST not in ("127.0.0.1", "localhost", "::1"):
    sys.exit("slow-streams.py: loopback targets only")
if not 1 <= N <= 20000:
    sys.exit("slow-streams.py: N must be 1..20000")

BODY = json.dumps({"model": MODEL, "stream": True, "max_tokens": 64,
                   "messages": [{"role": "user", "content": "Say hello in one short sentence."}]}).encode()
REQUEST = (f"POST /v1/chat/completions HTTP/1.1\r\nHost: {HOST}:{PORT}\r\nAuthorization: Bearer {KEY}\r\n"
           f"Content-Type: application/json\r\nContent-Length: {len(BODY)}\r\n\r\n").encode() + BODY
# The mock's answer, joined: every delta must arrive in order.
EXPECTED_TEXT = "Hello! This is a streamed reply from the mock upstream."

open_now = 0
peak_open = 0
errors = {}
ttfb = []
durations = []
ok = 0


def fail(kind):
    errors[kind] = errors.get(kind, 0) + 1


async def one(delay):
    global open_now, peak_open, ok
    await asyncio.sleep(delay)
    t0 = time.monotonic()
    writer = None
    counted = False
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, PORT), 10)
        writer.write(REQUEST)
        await writer.drain()
        open_now += 1
        counted = True
        peak_open = max(peak_open, open_now)
        deadline = t0 + TIMEOUT
        status_line = await asyncio.wait_for(reader.readline(), max(0.1, deadline - time.monotonic()))
        first = time.monotonic()
        parts = status_line.split()
        if len(parts) < 2 or parts[1] != b"200":
            fail("status_" + (parts[1].decode() if len(parts) > 1 else "none"))
            return
        # headers, then the body as raw bytes (chunk framing is tolerated by reading SSE lines only)
        while True:
            line = await asyncio.wait_for(reader.readline(), max(0.1, deadline - time.monotonic()))
            if line in (b"\r\n", b""):
                break
        text, done, first_event = [], False, None
        while not done:
            line = await asyncio.wait_for(reader.readline(), max(0.1, deadline - time.monotonic()))
            if not line:
                break
            if not line.startswith(b"data: "):
                continue
            if first_event is None:
                first_event = time.monotonic()
            payload = line[6:].strip()
            if payload == b"[DONE]":
                done = True
                break
            for choice in json.loads(payload).get("choices", []):
                piece = (choice.get("delta") or {}).get("content")
                if piece:
                    text.append(piece)
        if not done:
            fail("eof_before_done")
        elif "".join(text) != EXPECTED_TEXT:
            fail("wrong_content")
        else:
            ok += 1
            ttfb.append(((first_event or first) - t0) * 1000)
            durations.append((time.monotonic() - t0) * 1000)
    except asyncio.TimeoutError:
        fail("timeout")
    except (ConnectionError, OSError) as e:
        fail(type(e).__name__)
    except ValueError:
        fail("bad_json")
    finally:
        if counted:
            open_now -= 1
        if writer is not None:
            writer.close()


def pct(values, p):
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * p / 100))], 1)


async def main():
    t0 = time.monotonic()
    await asyncio.gather(*(one(RAMP * i / N) for i in range(N)))
    print(json.dumps({"streams": N, "ok": ok, "errors": errors, "peak_open": peak_open,
                      "wall_s": round(time.monotonic() - t0, 2),
                      "ttfb_ms": {"p50": pct(ttfb, 50), "p99": pct(ttfb, 99), "max": pct(ttfb, 100)},
                      "duration_ms": {"p50": pct(durations, 50), "p99": pct(durations, 99),
                                      "max": pct(durations, 100)}}))


asyncio.run(main())
