-- The model's links with an earlier match by their similarity, which
-- orders them by how near the threshold they are on each side: the review
-- queue of links reads its pages from here (track/doubt.go), not by
-- sorting every commitment.
CREATE INDEX links_doubt ON links(similarity) WHERE link_source = 'model' AND previous_id IS NOT NULL;
