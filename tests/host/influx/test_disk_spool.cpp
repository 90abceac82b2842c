#include <gtest/gtest.h>

#include "influx/disk_spool.hpp"
#include "influx/spool_record.hpp"
#include "sender_test_support.hpp"
#include "util/logger.hpp"

namespace trellis::host::influx {
namespace {

using test::make_batch;
using test::TempDir;

class DiskSpoolTest : public ::testing::Test {
protected:
    std::unique_ptr<DiskSpool> open_spool(std::uint64_t max_bytes = 1ull << 30,
                                          std::uint64_t segment_bytes = 16ull << 20) {
        auto spool = DiskSpool::open({dir.path() / "spool", max_bytes, segment_bytes, 1}, metrics, logger);
        EXPECT_TRUE(spool) << (spool ? "" : spool.error().message);
        return spool ? std::move(*spool) : nullptr;
    }
    std::vector<std::filesystem::path> segments() const {
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "spool")) {
            if (entry.path().extension() == ".spool") files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
        return files;
    }

    TempDir dir;
    WriterMetrics metrics;
    Logger logger{LogLevel::Error};
};

TEST_F(DiskSpoolTest, KeepsBatchesInOrderAcrossAReopen) {
    const auto a = make_batch("a", 3, 100);
    const auto b = make_batch("b", 2, 200);
    const auto c = make_batch("c", 1, 300);
    {
        auto spool = open_spool();
        ASSERT_TRUE(spool->empty());
        ASSERT_TRUE(spool->append(a));
        ASSERT_TRUE(spool->append(b));
        ASSERT_TRUE(spool->append(c));
        EXPECT_EQ(metrics.spooled_batches.load(), 3u);
        EXPECT_EQ(metrics.spool_bytes.load(), spool->bytes());
        auto front = spool->read_front();
        ASSERT_TRUE(front);
        EXPECT_EQ(front->batch.lines, a.lines);
        EXPECT_EQ(front->batch.points, 3u);
        spool->pop_front(front->id);  // a delivered: the head file moves past it
    }
    auto spool = open_spool();
    ASSERT_EQ(spool->records(), 2u);
    auto front = spool->read_front();
    ASSERT_TRUE(front);
    EXPECT_EQ(front->batch.lines, b.lines);
    spool->pop_front(front->id);
    front = spool->read_front();
    ASSERT_TRUE(front);
    EXPECT_EQ(front->batch.lines, c.lines);
    spool->pop_front(front->id);
    EXPECT_TRUE(spool->empty());
    EXPECT_EQ(metrics.spool_bytes.load(), 0u);
    EXPECT_TRUE(segments().empty());  // fully delivered segments are deleted
}

TEST_F(DiskSpoolTest, PopFrontOfAnotherIdDoesNothing) {
    auto spool = open_spool();
    const auto id = spool->append(make_batch("a", 1, 1));
    ASSERT_TRUE(id);
    spool->pop_front(*id + 1);
    EXPECT_EQ(spool->records(), 1u);
}

TEST_F(DiskSpoolTest, RecoveryCutsATornTailRecord) {
    const auto a = make_batch("a", 5, 100);
    {
        auto spool = open_spool();
        ASSERT_TRUE(spool->append(a));
        ASSERT_TRUE(spool->append(make_batch("b", 5, 200)));
    }
    ASSERT_EQ(segments().size(), 1u);
    const auto segment = segments().front();
    const auto size = std::filesystem::file_size(segment);
    std::filesystem::resize_file(segment, size - 7);  // a crash in the middle of the second append

    auto spool = open_spool();
    ASSERT_EQ(spool->records(), 1u);
    auto front = spool->read_front();
    ASSERT_TRUE(front);
    EXPECT_EQ(front->batch.lines, a.lines);
    // The torn bytes are gone from disk, so new records follow a whole one.
    EXPECT_EQ(spool->bytes(), std::filesystem::file_size(segment));
    const auto c = make_batch("c", 2, 300);
    ASSERT_TRUE(spool->append(c));
    spool.reset();
    spool = open_spool();
    ASSERT_EQ(spool->records(), 2u);
    spool->pop_front(spool->read_front()->id);
    EXPECT_EQ(spool->read_front()->batch.lines, c.lines);
}

TEST_F(DiskSpoolTest, RecoveryCutsACorruptRecordAndWhatFollowsInItsSegment) {
    {
        auto spool = open_spool();
        ASSERT_TRUE(spool->append(make_batch("a", 5, 100)));
        ASSERT_TRUE(spool->append(make_batch("b", 5, 200)));
        ASSERT_TRUE(spool->append(make_batch("c", 5, 300)));
    }
    const auto segment = segments().front();
    std::string bytes = test::read_text(segment);
    // Flip a payload byte of the second record (its header starts right after the first record).
    const auto first = read_spool_record(bytes);
    ASSERT_EQ(first.check, RecordCheck::Valid);
    bytes[first.total_bytes() + kSpoolRecordHeaderBytes + 3] ^= 0x55;
    std::ofstream(segment, std::ios::binary | std::ios::trunc) << bytes;

    auto spool = open_spool();
    EXPECT_EQ(spool->records(), 1u);
    EXPECT_EQ(std::filesystem::file_size(segment), first.total_bytes());
}

TEST_F(DiskSpoolTest, BoundDropsTheOldestSegment) {
    // Each record goes into its own segment (segment size 1 byte), so the bound drops whole batches.
    const auto probe = make_batch("m", 10, 1000);
    std::uint64_t record_bytes = 0;
    {
        auto spool = open_spool();
        ASSERT_TRUE(spool->append(probe));
        record_bytes = spool->bytes();
        spool->pop_front(*spool->front_id());
    }
    metrics.spool_dropped_points = 0;
    // Room for three records of the same size (same-shape batches compress to the same size).
    auto spool = open_spool(3 * record_bytes + record_bytes / 2, 1);
    std::vector<LineBatch> batches;
    for (int i = 0; i < 5; ++i) {
        batches.push_back(make_batch("m", 10, 1000 + i * 10));  // 4-digit timestamps: about the same size
        ASSERT_TRUE(spool->append(batches.back()));
    }
    // Appending the 4th dropped the 1st, appending the 5th dropped the 2nd.
    EXPECT_EQ(spool->records(), 3u);
    EXPECT_EQ(metrics.spool_dropped_points.load(), 20u);
    EXPECT_LE(spool->bytes(), 3 * record_bytes + record_bytes / 2);
    EXPECT_EQ(segments().size(), 3u);
}

TEST_F(DiskSpoolTest, ABatchLargerThanTheBoundIsDroppedAndCounted) {
    auto spool = open_spool(64, 1);
    EXPECT_FALSE(spool->append(make_batch("m", 50, 0)));
    EXPECT_EQ(metrics.spool_dropped_points.load(), 50u);
    EXPECT_TRUE(spool->empty());
}

TEST_F(DiskSpoolTest, RollsSegmentsAndDeletesDeliveredOnes) {
    auto spool = open_spool(1ull << 30, 1);  // every record in its own segment
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(spool->append(make_batch("m", 4, i * 10)));
    EXPECT_EQ(segments().size(), 3u);
    spool->pop_front(*spool->front_id());
    EXPECT_EQ(segments().size(), 2u);
    EXPECT_EQ(spool->bytes(), std::filesystem::file_size(segments()[0]) + std::filesystem::file_size(segments()[1]));
}

TEST_F(DiskSpoolTest, ASecondProcessCannotOpenTheSameDirectory) {
    auto first = open_spool();
    auto second = DiskSpool::open({dir.path() / "spool", 1 << 20, 1 << 20, 1}, metrics, logger);
    ASSERT_FALSE(second);
    EXPECT_NE(second.error().message.find("in use by another process"), std::string::npos);
}

}  // namespace
}  // namespace trellis::host::influx
