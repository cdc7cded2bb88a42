// Package indexing writes embedded documents to a vector store in batches.
// The store rejects writes for a moment while it compacts, so a failed batch
// is written again after a pause that grows by a fixed step each time.
package indexing

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/retrylint/retrylint/retry"
)

// Document is a piece of text with its embedding.
type Document struct {
	ID     string
	Text   string
	Vector []float32
}

// VectorStore is the part of the vector database client the indexer uses.
type VectorStore interface {
	Upsert(ctx context.Context, collection string, docs []Document) error
}

const (
	maxUpsertAttempts = 4
	upsertBackoffStep = 250 * time.Millisecond
)

// Indexer writes documents to one collection.
type Indexer struct {
	store      VectorStore
	collection string
	batchSize  int
	log        *slog.Logger
}

// NewIndexer returns an Indexer writing to collection in batches of batchSize.
func NewIndexer(store VectorStore, collection string, batchSize int, log *slog.Logger) *Indexer {
	return &Indexer{store: store, collection: collection, batchSize: batchSize, log: log}
}

// Index writes docs in batches, stopping at the first batch that cannot be
// written.
func (ix *Indexer) Index(ctx context.Context, docs []Document) error {
	for start := 0; start < len(docs); start += ix.batchSize {
		end := min(start+ix.batchSize, len(docs))
		if err := ix.writeBatch(ctx, docs[start:end]); err != nil {
			return err
		}
	}
	return nil
}

// writeBatch writes one batch, trying again after 250ms, 500ms, 750ms.
func (ix *Indexer) writeBatch(ctx context.Context, batch []Document) error {
	err := retry.Do(ctx, func(ctx context.Context) error {
		return ix.store.Upsert(ctx, ix.collection, batch)
	}, retry.Attempts(maxUpsertAttempts), retry.Linear(upsertBackoffStep), retry.WaitsIgnoreCtx(), retry.OnFailure(func(a retry.Attempt) {
		ix.log.Warn("upsert failed", "collection", ix.collection, "attempt", a.Number, "err", a.Err)
	}))
	if err != nil {
		return fmt.Errorf("indexing: writing %d documents to %s: %w", len(batch), ix.collection, err)
	}
	return nil
}
