#!/usr/bin/python3
"""bench/crawl: Scrapy's fetch-only crawl of the local index, the peer ecwatch is compared with.

    /usr/bin/python3 bench/crawl/scrapy_fetch.py INDEX_URL CONCURRENCY

Fetches INDEX_URL, follows every link containing /pages/ and discards the bodies
(no extraction, no storage). robots.txt obeyed, no delay, no autothrottle,
CONCURRENCY requests at once, all allowed on the one host. Prints one line:
"scrapy: N responses (M with status 200)".
"""
import sys

import scrapy
from scrapy.crawler import CrawlerProcess


class IndexSpider(scrapy.Spider):
    name = "ecwatch-bench"

    def __init__(self, index_url, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [index_url]

    def parse(self, response):
        for href in response.css("a::attr(href)").getall():
            if "/pages/" in href:
                yield response.follow(href, callback=self.fetched)

    def fetched(self, response):
        pass  # fetch only


def main():
    index_url, concurrency = sys.argv[1], int(sys.argv[2])
    process = CrawlerProcess(settings={
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "CONCURRENT_REQUESTS_PER_IP": 0,
        "DOWNLOAD_DELAY": 0,
        "RANDOMIZE_DOWNLOAD_DELAY": False,
        "AUTOTHROTTLE_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "USER_AGENT": "scrapy-bench",
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    })
    crawler = process.create_crawler(IndexSpider)
    process.crawl(crawler, index_url=index_url)
    process.start()
    stats = crawler.stats.get_stats()
    print("scrapy: %d responses (%d with status 200)" % (
        stats.get("downloader/response_count", 0),
        stats.get("downloader/response_status_count/200", 0)))


if __name__ == "__main__":
    main()
