#!/usr/bin/env python3
"""Reference mAP for MeanAveragePrecisionReferenceTest, written independently of the Java code.

COCO part: a port of pycocotools' COCOeval.evaluateImg and accumulate for bounding boxes with no crowd regions,
area range 'all' and maxDets 100 (the loops and numpy calls kept as there). VOC part: the all-point voc_ap of the
PASCAL VOC 2010+ devkit (py-faster-rcnn's voc_eval, use_07_metric=False) on the same matches at IoU 0.5.

stdin:  a list of scenes, each [{"gt": [[x1, y1, x2, y2, class], ...], "det": [[x1, y1, x2, y2, class, score], ...]}, ...]
        (one object per image)
stdout: per scene [{"classId": c, "ap50": voc, "ap50to95": coco}, ...] for the classes with ground truth
"""
import json
import sys

import numpy as np


def iou(d, g):
    # maskUtils.iou on [x, y, w, h] boxes, iscrowd 0: continuous areas
    w = min(d[2], g[2]) - max(d[0], g[0])
    h = min(d[3], g[3]) - max(d[1], g[1])
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    return inter / ((d[2] - d[0]) * (d[3] - d[1]) + (g[2] - g[0]) * (g[3] - g[1]) - inter)


def evaluate_img(gts, dts, iou_thrs, max_det):
    dtind = np.argsort([-d[5] for d in dts], kind='mergesort')
    dt = [dts[i] for i in dtind[0:max_det]]
    T, G, D = len(iou_thrs), len(gts), len(dt)
    gtm = np.zeros((T, G))
    dtm = np.zeros((T, D))
    ious = np.array([[iou(d, g) for g in gts] for d in dt]) if D and G else np.zeros((D, G))
    for tind, t in enumerate(iou_thrs):
        for dind, d in enumerate(dt):
            thr = min([t, 1 - 1e-10])
            m = -1
            for gind, g in enumerate(gts):
                if gtm[tind, gind] > 0:
                    continue
                if ious[dind, gind] < thr:
                    continue
                thr = ious[dind, gind]
                m = gind
            if m == -1:
                continue
            dtm[tind, dind] = 1
            gtm[tind, m] = 1
    return {'dtScores': [d[5] for d in dt], 'dtMatches': dtm, 'numGt': G}


def accumulate(evals, iou_thrs, rec_thrs):
    """pycocotools' precision for one class: T x R, or None when the class has no ground truth."""
    T, R = len(iou_thrs), len(rec_thrs)
    dt_scores = np.concatenate([e['dtScores'] for e in evals])
    inds = np.argsort(-dt_scores, kind='mergesort')
    dtm = np.concatenate([e['dtMatches'] for e in evals], axis=1)[:, inds]
    npig = sum(e['numGt'] for e in evals)
    if npig == 0:
        return None
    tps = dtm.astype(bool)
    fps = np.logical_not(dtm)
    tp_sum = np.cumsum(tps, axis=1).astype(dtype=float)
    fp_sum = np.cumsum(fps, axis=1).astype(dtype=float)
    precision = -np.ones((T, R))
    for t, (tp, fp) in enumerate(zip(tp_sum, fp_sum)):
        tp = np.array(tp)
        fp = np.array(fp)
        nd = len(tp)
        rc = tp / npig
        pr = tp / (fp + tp + np.spacing(1))
        q = np.zeros((R,))
        pr = pr.tolist()
        q = q.tolist()
        for i in range(nd - 1, 0, -1):
            if pr[i] > pr[i - 1]:
                pr[i - 1] = pr[i]
        inds_r = np.searchsorted(rc, rec_thrs, side='left')
        try:
            for ri, pi in enumerate(inds_r):
                q[ri] = pr[pi]
        except IndexError:
            pass
        precision[t, :] = np.array(q)
    return precision


def voc_ap(rec, prec):
    mrec = np.concatenate(([0.], rec, [1.]))
    mpre = np.concatenate(([0.], prec, [0.]))
    for i in range(mpre.size - 1, 0, -1):
        mpre[i - 1] = np.maximum(mpre[i - 1], mpre[i])
    i = np.where(mrec[1:] != mrec[:-1])[0]
    return np.sum((mrec[i + 1] - mrec[i]) * mpre[i + 1])


def voc_class(evals, npos):
    scores = np.concatenate([e['dtScores'] for e in evals])
    matches = np.concatenate([e['dtMatches'][0] for e in evals])
    order = np.argsort(-scores, kind='mergesort')
    tp = np.cumsum(matches[order])
    fp = np.cumsum(1 - matches[order])
    rec = tp / float(npos)
    prec = tp / np.maximum(tp + fp, np.finfo(np.float64).eps)
    return voc_ap(rec, prec)


def score(images):
    iou_thrs = np.linspace(.5, 0.95, int(np.round((0.95 - .5) / .05)) + 1, endpoint=True)
    rec_thrs = np.linspace(.0, 1.00, int(np.round((1.00 - .0) / .01)) + 1, endpoint=True)
    classes = sorted({int(g[4]) for im in images for g in im['gt']})
    out = []
    for c in classes:
        per_image = [([g for g in im['gt'] if int(g[4]) == c], [d for d in im['det'] if int(d[4]) == c]) for im in images]
        coco = accumulate([evaluate_img(g, d, iou_thrs, 100) for g, d in per_image], iou_thrs, rec_thrs)
        voc_evals = [evaluate_img(g, d, [0.5], 10 ** 9) for g, d in per_image]
        npos = sum(e['numGt'] for e in voc_evals)
        out.append({'classId': c, 'ap50': float(voc_class(voc_evals, npos)), 'ap50to95': float(np.mean(coco))})
    return out


def main():
    json.dump([score(images) for images in json.load(sys.stdin)], sys.stdout)


if __name__ == '__main__':
    main()
