#!/usr/bin/env python3
# The hand values of WorkerForecastTests, WorkerPlanTests and WorkersOptionPlanTests: python3 mmc_p95.py (mpmath 1.3).
# Independent M/M/c response-time P95 (mpmath, 40 digits): Erlang C from its closed form,
# T = W + S with W = 0 w.p. 1-C, else Exp(theta); P(T>t) by numerical convolution (quad),
# cross-checked against the closed form of Gross et al.
from mpmath import mp, mpf, exp, factorial, quad, findroot, inf
mp.dps = 40
def erlang_c(c, a):
    s = sum(a**k/factorial(k) for k in range(c))
    top = a**c/factorial(c) * c/(c-a)
    return top/(s+top)
def surv(t, lam, c, mu):
    a = lam/mu; C = erlang_c(c, a); th = c*mu - lam
    # P(S>t) + C * P(W'+S > t) with W'~Exp(th): P(W'+S>t) = P(S>t) + int_0^t f_S(s) P(W'>t-s) ds
    conv = quad(lambda s: mu*exp(-mu*s)*exp(-th*(t-s)), [0, t])
    return exp(-mu*t) + C*conv
def closed(t, lam, c, mu):
    a = lam/mu; C = erlang_c(c, a); th = c*mu - lam
    return exp(-mu*t) + C*mu*(exp(-mu*t)-exp(-th*t))/(th-mu)
def p95(lam, c, mu):
    if lam >= c*mu: return None
    lo, hi = mpf(0), mpf(100)
    for _ in range(200):
        mid = (lo+hi)/2
        if surv(mid, lam, c, mu) > mpf('0.05'): lo = mid
        else: hi = mid
    return lo
c, mu = 4, mpf(10)  # 4 workers per node, mean service 100 ms
for m in range(1, 10):
    lam = mpf(10)*mpf('1.2')**(m-1)
    p = p95(lam, c, mu)
    print(m, mp.nstr(lam, 8), None if p is None else mp.nstr(p*1000, 10), 
          None if p is None else mp.nstr(closed(p, lam, c, mu), 10))
# the largest rps with P95 <= 500 ms
f = lambda lam: surv(mpf('0.5'), lam, c, mu) - mpf('0.05')
lo, hi = mpf(0), mpf(40)
for _ in range(200):
    mid=(lo+hi)/2
    if f(mid) <= 0: lo = mid
    else: hi = mid
print("max rps within P95<=500ms:", mp.nstr(lo, 12))
# WorkersOptionPlanTests: the largest rps with P95 <= 500 ms at c = 4...10 workers (mu = 10/s)
for c in range(4, 11):
    lo, hi = mpf(0), c*mu
    for _ in range(70):
        mid = (lo+hi)/2
        if surv(mpf('0.5'), mid, c, mu) <= mpf('0.05'): lo = mid
        else: hi = mid
    print("c =", c, "max rps within P95<=500ms:", mp.nstr(lo, 12))
