// The engine → publisher hand-over: SpscRing and EventQueue (texts in a byte ring).

#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "telemetry/event_queue.hpp"
#include "telemetry/spsc_ring.hpp"

using namespace trellis::host::telemetry;

TEST(SpscRing, RoundsUpAndRefusesWhenFull) {
    SpscRing<int> ring(3);
    EXPECT_EQ(ring.capacity(), 4u);
    for (int i = 0; i < 4; ++i) EXPECT_TRUE(ring.try_push(i));
    EXPECT_TRUE(ring.full());
    EXPECT_FALSE(ring.try_push(99));
    EXPECT_EQ(ring.size(), 4u);
    int v = -1;
    EXPECT_TRUE(ring.try_pop(v));
    EXPECT_EQ(v, 0);
    EXPECT_TRUE(ring.try_push(4));  // the freed place is reused
    for (int want = 1; want <= 4; ++want) {
        ASSERT_TRUE(ring.try_pop(v));
        EXPECT_EQ(v, want);
    }
    EXPECT_FALSE(ring.try_pop(v));
}

TEST(SpscRing, TwoThreadsSeeEveryItemInOrder) {
    SpscRing<std::uint64_t> ring(64);
    constexpr std::uint64_t kItems = 50'000;
    std::thread producer([&] {
        for (std::uint64_t i = 1; i <= kItems; ++i)
            while (!ring.try_push(i)) std::this_thread::yield();
    });
    std::uint64_t expected = 1, v = 0;
    while (expected <= kItems) {
        if (!ring.try_pop(v)) {
            std::this_thread::yield();
            continue;
        }
        ASSERT_EQ(v, expected);
        ++expected;
    }
    producer.join();
}

TEST(EventQueue, CarriesTextsAcrossTheRingsEnd) {
    EventQueue queue(8, 16);  // 16 text bytes: the second event's text wraps around
    EventRecord r;
    std::string text, source;
    r.order_id = 1;
    ASSERT_TRUE(queue.push(r, "abcdefghij", "xyz"));  // 13 bytes
    queue.flush();
    ASSERT_TRUE(queue.pop(r, text, source));
    EXPECT_EQ(text, "abcdefghij");
    EXPECT_EQ(source, "xyz");
    r.order_id = 2;
    ASSERT_TRUE(queue.push(r, "0123456789", "SRC"));  // bytes 13..25: wraps at 16
    r.order_id = 3;
    ASSERT_TRUE(queue.push(r));  // no text: takes no text space
    queue.flush();
    ASSERT_TRUE(queue.pop(r, text, source));
    EXPECT_EQ(r.order_id, 2u);
    EXPECT_EQ(text, "0123456789");
    EXPECT_EQ(source, "SRC");
    ASSERT_TRUE(queue.pop(r, text, source));
    EXPECT_EQ(r.order_id, 3u);
    EXPECT_EQ(text, "");
    EXPECT_EQ(source, "");
}

TEST(EventQueue, RefusesWhenRecordsOrTextSpaceRunOut) {
    EventQueue queue(2, 8);
    EventRecord r;
    EXPECT_FALSE(queue.push(r, "123456789"));  // more text than the ring holds
    EXPECT_TRUE(queue.push(r, "12345"));
    EXPECT_FALSE(queue.push(r, "6789"));  // 5 + 4 > 8 bytes
    EXPECT_TRUE(queue.push(r, "678"));    // exactly full
    EXPECT_FALSE(queue.push(r));          // both records taken
    EXPECT_EQ(queue.size(), 2u);
    std::string text, source;
    ASSERT_TRUE(queue.pop(r, text, source));
    EXPECT_EQ(text, "12345");
    EXPECT_TRUE(queue.push(r, "abcd"));  // the first text's bytes are free again
    ASSERT_TRUE(queue.pop(r, text, source));
    EXPECT_EQ(text, "678");
    ASSERT_TRUE(queue.pop(r, text, source));
    EXPECT_EQ(text, "abcd");
}

TEST(SpscRing, CommittedSlotsAreInvisibleUntilPublished) {
    SpscRing<int> ring(4);
    int* slot = ring.claim();
    ASSERT_NE(slot, nullptr);
    *slot = 7;
    EXPECT_EQ(ring.peek(), nullptr);  // written, not yet committed
    ring.commit();
    *ring.claim() = 8;
    ring.commit();
    EXPECT_EQ(ring.peek(), nullptr);  // committed, not yet handed over
    EXPECT_EQ(ring.unpublished(), 2u);
    EXPECT_EQ(ring.size(), 0u);
    ring.publish();  // both at once
    EXPECT_EQ(ring.unpublished(), 0u);
    EXPECT_EQ(ring.size(), 2u);
    int v = 0;
    ASSERT_TRUE(ring.try_pop(v));
    EXPECT_EQ(v, 7);
    ASSERT_TRUE(ring.try_pop(v));
    EXPECT_EQ(v, 8);
    EXPECT_TRUE(ring.empty());
}

TEST(SpscRing, UnpublishedSlotsStillTakeRoom) {
    SpscRing<int> ring(2);
    for (int i = 0; i < 2; ++i) {
        *ring.claim() = i;
        ring.commit();
    }
    EXPECT_EQ(ring.claim(), nullptr);  // full, although the consumer sees nothing yet
    ring.publish();
    int v = -1;
    ASSERT_TRUE(ring.try_pop(v));
    EXPECT_NE(ring.claim(), nullptr);
}

TEST(EventQueue, HandsRecordsOverInBlocksOrOnFlush) {
    EventQueue queue(1024, 4096);  // a ring this size publishes every 64 records
    EventRecord r;
    EventRecord out;
    std::string text, source;
    for (std::uint64_t id = 1; id <= 63; ++id) {
        r.order_id = id;
        ASSERT_TRUE(queue.push(r, id == 5 ? "five" : ""));
    }
    EXPECT_FALSE(queue.pop(out, text, source)) << "a block is handed over when it is full, not before";
    r.order_id = 64;
    ASSERT_TRUE(queue.push(r));  // the 64th completes the block
    EXPECT_EQ(queue.size(), 64u);
    r.order_id = 65;
    ASSERT_TRUE(queue.push(r));
    for (std::uint64_t id = 1; id <= 64; ++id) {
        ASSERT_TRUE(queue.pop(out, text, source));
        EXPECT_EQ(out.order_id, id);
        EXPECT_EQ(text, id == 5 ? "five" : "");
    }
    EXPECT_FALSE(queue.pop(out, text, source));
    queue.flush();  // the producer hands over the partial block
    ASSERT_TRUE(queue.pop(out, text, source));
    EXPECT_EQ(out.order_id, 65u);
    queue.flush();  // nothing pushed since: nothing happens
    EXPECT_FALSE(queue.pop(out, text, source));
}

TEST(EventQueue, FillsKeepTheirAccountLineAndOrdersDoNotNeedIt) {
    EventQueue queue(4, 64);
    EventRecord fill;
    fill.kind = EventKind::Fill;
    fill.order_id = 1;
    fill.fee = -5;
    fill.position = 100;
    fill.realized_pnl = 12;
    fill.cash = -2200;
    ASSERT_TRUE(queue.push(fill));
    EventRecord order;
    order.kind = EventKind::OrderUpdate;
    order.order_id = 2;
    order.price = 2201200;
    ASSERT_TRUE(queue.push(order, "why"));
    EventRecord out;
    std::string text, source;
    ASSERT_TRUE(queue.pop(out, text, source));
    EXPECT_EQ(out.kind, EventKind::Fill);
    EXPECT_EQ(out.fee, -5);
    EXPECT_EQ(out.position, 100);
    EXPECT_EQ(out.realized_pnl, 12);
    EXPECT_EQ(out.cash, -2200);
    ASSERT_TRUE(queue.pop(out, text, source));
    EXPECT_EQ(out.kind, EventKind::OrderUpdate);
    EXPECT_EQ(out.order_id, 2u);
    EXPECT_EQ(out.price, 2201200);
    EXPECT_EQ(out.text_len, 3u);
    EXPECT_EQ(text, "why");
}

// Streaming stores, block hand-over and texts across threads: every record arrives whole, in
// order, with its text and (for fills) its account line.
TEST(EventQueue, TwoThreadsSeeEveryRecordWholeAndInOrder) {
    EventQueue queue(256, 1024);
    constexpr std::uint64_t kRecords = 200'000;
    std::thread producer([&] {
        for (std::uint64_t id = 1; id <= kRecords; ++id) {
            EventRecord r;
            r.order_id = id;
            r.price = std::int64_t(id * 3);
            r.kind = id % 7 == 0 ? EventKind::Fill : EventKind::OrderUpdate;
            r.cash = std::int64_t(id * 5);
            const std::string text = id % 11 == 0 ? "text " + std::to_string(id) : "";
            while (!queue.push(r, text)) {
                queue.flush();  // as the publisher's wait mode does: make what is pushed visible first
                std::this_thread::yield();
            }
        }
        queue.flush();
    });
    EventRecord out;
    std::string text, source;
    for (std::uint64_t want = 1; want <= kRecords;) {
        if (!queue.pop(out, text, source)) {
            std::this_thread::yield();
            continue;
        }
        ASSERT_EQ(out.order_id, want);
        ASSERT_EQ(out.price, std::int64_t(want * 3));
        if (want % 7 == 0) {
            ASSERT_EQ(out.kind, EventKind::Fill);
            ASSERT_EQ(out.cash, std::int64_t(want * 5));
        }
        ASSERT_EQ(text, want % 11 == 0 ? "text " + std::to_string(want) : "");
        ++want;
    }
    producer.join();
}

// Every field of both lines comes out at its own place, with the text lengths the queue set.
TEST(EventQueue, EveryFieldArrivesAsWritten) {
    EventRecord fill;
    fill.ts = 1'700'000'000'123'456'789;
    fill.order_id = 0x0123456789abcdefull;
    fill.price = -2201200;
    fill.qty = 300;
    fill.filled = 200;
    fill.strategy = 0xfedcba98u;
    fill.instrument = 0x7654;
    fill.kind = EventKind::Fill;
    fill.code = 0x11;
    fill.side = 0x22;
    fill.reason = 0x33;
    fill.liquidity = 0x44;
    fill.fee = -5;
    fill.position = 0x1122334455667788;
    fill.realized_pnl = -12;
    fill.cash = -2200;
    EventLine order = fill;  // the first line alone, as order, risk and alert events are pushed
    order.kind = EventKind::OrderUpdate;

    EventQueue queue(4, 64);
    ASSERT_TRUE(queue.push(fill, "text", "source"));
    ASSERT_TRUE(queue.push(order, "why"));
    queue.flush();
    EventRecord out;
    std::string text, source;
    const auto expect_first_line = [&](const EventLine& want, std::uint16_t text_len, std::uint16_t source_len) {
        EXPECT_EQ(out.ts, want.ts);
        EXPECT_EQ(out.order_id, want.order_id);
        EXPECT_EQ(out.price, want.price);
        EXPECT_EQ(out.qty, want.qty);
        EXPECT_EQ(out.filled, want.filled);
        EXPECT_EQ(out.strategy, want.strategy);
        EXPECT_EQ(out.instrument, want.instrument);
        EXPECT_EQ(out.text_len, text_len);
        EXPECT_EQ(out.source_len, source_len);
        EXPECT_EQ(out.kind, want.kind);
        EXPECT_EQ(out.code, want.code);
        EXPECT_EQ(out.side, want.side);
        EXPECT_EQ(out.reason, want.reason);
        EXPECT_EQ(out.liquidity, want.liquidity);
    };
    ASSERT_TRUE(queue.pop(out, text, source));
    expect_first_line(fill, 4, 6);
    EXPECT_EQ(out.fee, fill.fee);
    EXPECT_EQ(out.position, fill.position);
    EXPECT_EQ(out.realized_pnl, fill.realized_pnl);
    EXPECT_EQ(out.cash, fill.cash);
    EXPECT_EQ(text, "text");
    EXPECT_EQ(source, "source");
    ASSERT_TRUE(queue.pop(out, text, source));
    expect_first_line(order, 3, 0);
    EXPECT_EQ(text, "why");
}
