"""Topic classifier alone, leave-one-group-out over the gold problems: python benchmarks/topic_cv.py 100"""
import sys
from rectify_nlp import load_corpus, Config
from rectify_nlp.features.analysis import analyse
from rectify_nlp.training.topics import gold_problems
from rectify_nlp.models.topics import new_topic_classifier, AREA_OF
ns=load_corpus(['annotations/'])
rows=[]
for n in ns:
    a=analyse(n.text)
    for w,c,t in gold_problems(n,a): rows.append((n.meta.get('group') or n.id, w, c, t))
groups=sorted({r[0] for r in rows})
for C in [float(x) for x in sys.argv[1:]]:
    tc=ac=0
    for g in groups:
        tr=[r for r in rows if r[0]!=g]; te=[r for r in rows if r[0]==g]
        clf=new_topic_classifier(C,0).fit_problems([(w,c) for _,w,c,_ in tr],[t for *_,t in tr])
        pr=clf.predict_problems([(w,c) for _,w,c,_ in te])
        tc+=sum(p==t for (p,_),(*_,t) in zip(pr,te)); ac+=sum(AREA_OF[p]==AREA_OF[t] for (p,_),(*_,t) in zip(pr,te))
    print(C, len(rows), 'leave-one-group-out topic', round(tc/len(rows),3), 'area', round(ac/len(rows),3))
