package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"pledge/classify"
	"pledge/data"
	"pledge/track"
)

// retrainResult is what retraining measured, for a person to decide on.
type retrainResult struct {
	Hash        string
	Comparison  *classify.Comparison
	Base, Added int
	// Few says the person's labels are too few for their figures to mean
	// much: fewer than FewLabels.
	Few           bool
	FewLabels     int
	ModelLabelled int
	// Changes are the commitments the retrained model would label
	// otherwise, the first shownChanges of them; WouldChange counts them
	// all, and AllChanges lists them on the commitments page when there
	// are few enough.
	Changes     []change
	WouldChange int
	AllChanges  string
}

// change is a commitment the retrained model would label otherwise.
type change struct {
	track.Relabel
	Text string
}

// fewLabels is how many labels a person gives before accuracy on them
// means much: with 30, one label more or less right moves it by 3 points;
// with 3, by 33.
const fewLabels = 30

// shownChanges bounds the changes the page lists.
const shownChanges = 100

// retrainData is the retrain page's.
type retrainData struct {
	base
	PersonLabels int
	CanTrain     bool
	Result       *retrainResult
	Error        string
}

func (s *Server) retrainData(r *http.Request) (retrainData, error) {
	labels, err := s.store.PersonLabels(r.Context())
	if err != nil {
		return retrainData{}, err
	}
	unlinked, err := s.store.Unlinked(r.Context())
	return retrainData{base: s.base("Retrain", "retrain", unlinked), PersonLabels: len(labels), CanTrain: s.opt.Segmenter != nil}, err
}

func (s *Server) retrainPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.retrainData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, "retrain", http.StatusOK, d)
}

// retrainFolds and retrainSeed make the figures those of pledge eval.
const (
	retrainFolds = 5
	retrainSeed  = 1
)

// retrain answers POST /retrain: it trains a model on the built-in data
// and the person's labels, measures it against the built-in model, and
// keeps it for applyRetrained, in place of the one before.
func (s *Server) retrain(w http.ResponseWriter, r *http.Request) {
	d, err := s.retrainData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if msg := s.cannotRetrain(d); msg != "" {
		d.Error = msg
		s.render(w, r, "retrain", http.StatusForbidden, d)
		return
	}
	res, m, err := s.train(r)
	if err != nil {
		d.Error = "Retraining failed: " + err.Error()
		s.render(w, r, "retrain", http.StatusInternalServerError, d)
		return
	}
	s.mu.Lock()
	s.retrained = m
	s.mu.Unlock()
	d.Result = res
	s.render(w, r, "retrain", http.StatusOK, d)
}

func (s *Server) cannotRetrain(d retrainData) string {
	switch {
	case s.opt.ReadOnly:
		return "pledge serve --read-only: changes are refused."
	case !d.CanTrain:
		return "Retraining is not available in this server."
	case d.PersonLabels == 0:
		return "No label was given by a person yet."
	}
	return ""
}

func (s *Server) train(r *http.Request) (*retrainResult, *classify.Model, error) {
	ctx := r.Context()
	seg, err := s.opt.Segmenter()
	if err != nil {
		return nil, nil, err
	}
	tok := classify.DefaultTokenizer(seg)
	rows, err := classify.ReadLabelled([]byte(data.Labelled()))
	if err != nil {
		return nil, nil, fmt.Errorf("built-in labelled data: %w", err)
	}
	mine, err := s.store.PersonLabels(ctx)
	if err != nil {
		return nil, nil, err
	}
	base, added := classify.Examples(rows, tok), classify.Examples(mine, tok)
	opt := classify.DefaultOptions()
	cmp, err := classify.Compare(base, added, opt, retrainFolds, retrainSeed)
	if err != nil {
		return nil, nil, err
	}
	m, err := classify.Train(append(base, added...), opt)
	if err != nil {
		return nil, nil, err
	}
	relabels, err := s.store.Relabels(ctx, m)
	if err != nil {
		return nil, nil, err
	}
	_, byModel, err := s.store.Page(ctx, track.Filter{LabelSource: "model"}, track.ByDate, 1, 0)
	if err != nil {
		return nil, nil, err
	}
	res := &retrainResult{Hash: m.Hash, Comparison: cmp, Base: len(base), Added: len(added), Few: len(added) < fewLabels, FewLabels: fewLabels,
		ModelLabelled: byModel, WouldChange: len(relabels)}
	shown := relabels[:min(shownChanges, len(relabels))]
	ids := make([]int64, len(shown))
	for i, r := range shown {
		ids[i] = r.ID
	}
	cs, err := s.store.Commitments(ctx, track.Filter{IDs: ids})
	if err != nil {
		return nil, nil, err
	}
	text := make(map[int64]string, len(cs))
	for _, c := range cs {
		text[c.ID] = c.Text
	}
	for _, r := range shown {
		res.Changes = append(res.Changes, change{r, text[r.ID]})
	}
	if len(relabels) > 0 && len(relabels) <= maxLimit {
		all := make([]string, len(relabels))
		for i, r := range relabels {
			all[i] = strconv.FormatInt(r.ID, 10)
		}
		res.AllChanges = "/commitments?ids=" + url.QueryEscape(strings.Join(all, ","))
	}
	return res, m, nil
}

// applyRetrained answers POST /retrain/apply: it labels the database again
// with the model retraining made, links again, and shows the overview.
func (s *Server) applyRetrained(w http.ResponseWriter, r *http.Request) {
	d, err := s.retrainData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if s.opt.ReadOnly {
		d.Error = "pledge serve --read-only: changes are refused."
		s.render(w, r, "retrain", http.StatusForbidden, d)
		return
	}
	hash := r.PostFormValue("hash")
	s.mu.Lock()
	m := s.retrained
	s.mu.Unlock()
	if m == nil || m.Hash != hash {
		d.Error = "No retrained model " + hash + " to apply (only the last one retraining made is kept): train again."
		s.render(w, r, "retrain", http.StatusBadRequest, d)
		return
	}
	if _, err := s.store.Reclassify(r.Context(), &classify.Classifier{Model: m}); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.linkPending(r); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/?applied="+url.QueryEscape(hash[:min(12, len(hash))]), http.StatusSeeOther)
}
